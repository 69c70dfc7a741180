import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { startServer } from '../server.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Migrate the database, import the world data on first start, and serve the app and API')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--host <host>', 'interface to listen on (default: HOST or 0.0.0.0)')
    .action(async (options: { port?: string; host?: string }) => {
      const config = loadConfig({
        ...process.env,
        PORT: options.port ?? process.env.PORT,
        HOST: options.host ?? process.env.HOST,
      });
      const server = await startServer(config);
      // The first signal drains and stops; a second one (an impatient Ctrl-C) exits at once.
      const shutdown = (signal: NodeJS.Signals) => {
        process.once(signal, () => process.exit(130));
        server.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
