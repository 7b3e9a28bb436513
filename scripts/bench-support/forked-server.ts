/**
 * A server in a process of its own (the benches' fakes and the bare forwarder), so the driver's
 * timers and clients do not delay it: the driver forks a script with IPC, the child listens on a
 * free loopback port and sends the port back.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type http from 'node:http';
import { listenOnLoopback } from './fake-anthropic.js';

/** Forks `script` with `args`; resolves once the child reports the port it listens on. */
export function forkServer(script: string, args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(script, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ child, port: m.port }));
    child.once('exit', (code) => reject(new Error(`${script} ${args.join(' ')} exited with ${code}`)));
  });
}

/**
 * In the forked child: listens on loopback and tells the parent the port. A SIGINT ends the child
 * normally (so --cpu-prof can write its profile), and so does the parent's end: a driver that
 * fails leaves no server behind.
 */
export async function serveToParent(server: http.Server): Promise<void> {
  process.on('SIGINT', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
  process.send!({ port: await listenOnLoopback(server) });
}
