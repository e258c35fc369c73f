/**
 * CPU seconds used so far by this process (every thread) and by its children that have ended (Linux:
 * `cutime` + `cstime` from /proc/self/stat; 0 for children elsewhere). Publish notes it at each phase
 * for the bench's breakdown; a child such as `cp -rl` or the Astro build counts once it has ended.
 */
import { readFileSync } from 'node:fs'

export function cpuSecondsSoFar(): number {
  const own = process.cpuUsage()
  return (own.user + own.system) / 1e6 + endedChildrenCpuSeconds()
}

export function endedChildrenCpuSeconds(): number {
  let stat: string
  try {
    stat = readFileSync('/proc/self/stat', 'utf8')
  } catch {
    return 0
  }
  // Fields after the command name: cutime and cstime are the 14th and 15th, in clock ticks (100 Hz).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[13]) + Number(fields[14])) / 100
}
