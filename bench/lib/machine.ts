import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  /** 1/5/15-minute load averages when the run started: the machine is shared. */
  loadAverage: number[];
  node: string;
  chromium: string | null;
  postgres: string | null;
  platform: string;
}

function versionOf(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

function postgresVersion(): string | null {
  const out = versionOf('bash', [
    '-c',
    'ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1',
  ]);
  return out ? versionOf(`${out}/postgres`, ['--version']) : null;
}

export function machine(): Machine {
  const c = cpus();
  return {
    cpuModel: c[0]?.model ?? 'unknown',
    cores: c.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
    node: process.version,
    chromium: versionOf('/usr/bin/chromium', ['--version']),
    postgres: postgresVersion(),
    platform: `${process.platform} ${process.arch}`,
  };
}
