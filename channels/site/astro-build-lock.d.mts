/** Waits for the project's Astro build lock (`<root>/.tmp/astro-build.lock`) and takes it; returns its release. */
export declare function takeAstroBuildLock(root: string): Promise<() => void>
