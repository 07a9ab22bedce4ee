#!/usr/bin/env node
/**
 * assent-server-sync serve [--demo] [--port N] | purge [--demo] | verify <subjectId> [--demo]
 * Configuration comes from the environment (see README); `--demo` allows invented secrets.
 */
import { parseArgs } from 'node:util';
import { resolveConfig, type ServerOptions } from './config.js';
import { ConfigError } from './keys.js';
import { startServer } from './server.js';
import { openService } from './service.js';

const USAGE = `usage: assent-server-sync <command> [--demo] [--port N]
  serve              start the HTTP server (default command)
  purge              delete data past retention, print the counts
  verify <subjectId> verify a subject's receipt chain (exit 1 if broken)`;

interface Parsed {
  command: string;
  args: string[];
  options: ServerOptions;
}

function parse(argv: string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        demo: { type: 'boolean' },
        dev: { type: 'boolean' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const options: ServerOptions = {};
  if (values.demo || values.dev) options.demo = true;
  if (values.port !== undefined) options.port = Number(values.port);
  const [command = 'serve', ...args] = values.help ? ['help'] : positionals;
  return { command, args, options };
}

async function main(): Promise<number> {
  const { command, args, options } = parse(process.argv.slice(2));
  if (command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command === 'serve') {
    const server = await startServer(options);
    const stop = (signal: string) => {
      const { logger, shutdown } = server.config;
      logger.info({ event: 'stopping', signal, graceMs: shutdown.graceMs }, `stopping on ${signal}`);
      server.close().then(
        (inTime) => {
          // Exit 1 when the timeout had to cut connections: the orchestrator should know.
          if (inTime) logger.info({ event: 'stopped', drained: true }, 'stopped');
          else logger.warn({ event: 'stopped', drained: false }, 'stopped without draining every connection');
          process.exit(inTime ? 0 : 1);
        },
        (err: unknown) => {
          logger.error({ event: 'stop_failed', error: String(err) }, 'stop failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    return -1;
  }
  if (command === 'purge' || command === 'verify') {
    // One-shot commands: no timers.
    const service = await openService(resolveConfig({ ...options, sweepIntervalMs: 0, purgeIntervalMs: 0 }));
    try {
      if (command === 'purge') {
        await service.purge();
        return 0;
      }
      const subjectId = args[0];
      if (!subjectId) throw new ConfigError(`verify needs a subject id\n${USAGE}`);
      const result = await service.verifySubject(subjectId);
      if (!result) {
        console.error(`no such subject: ${subjectId}`);
        return 2;
      }
      console.log(JSON.stringify(result, null, 2));
      return result.valid ? 0 : 1;
    } finally {
      await service.close();
    }
  }
  console.error(`unknown command "${command}"\n${USAGE}`);
  return 2;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof ConfigError ? `configuration error: ${err.message}` : err);
    process.exit(err instanceof ConfigError ? 2 : 1);
  },
);
