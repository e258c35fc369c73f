import * as migration_20261124_051927_initial from './20261124_051927_initial';

export const migrations = [
  {
    up: migration_20261124_051927_initial.up,
    down: migration_20261124_051927_initial.down,
    name: '20261124_051927_initial'
  },
];
