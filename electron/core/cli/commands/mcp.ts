/**
 * `tokentally mcp`: a Model Context Protocol server on stdin/stdout for Claude Code, Codex and
 * other agents (electron/core/mcp). Stdout carries the protocol alone: nothing else may be written
 * there, so this command prints nothing of its own and says what goes wrong on stderr.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createTokentallyMcp } from '../../mcp/mcp-server.js';
import { resolveDataDir } from '../../paths.js';
import { UsageError, type CliCommand } from '../io.js';
import { parseCommandArgs } from '../parse-args.js';

const MCP_USAGE = `Usage: tokentally mcp [--data-dir DIR]

A Model Context Protocol server on stdin/stdout, read-only, for Claude Code, Codex and other agents.
Add it to Claude Code with:  claude mcp add --scope user tokentally -- tokentally mcp
Tools: budget_status, plan_windows, spend (by model or tag, today and this period), price_call,
savings_findings. It reads the ledger directly: the app need not be running.
  --data-dir DIR    where the ledger lives`;

export const mcpCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { 'data-dir': { type: 'string' } }, MCP_USAGE);
  if (values.help) {
    // Asked for by a person at a terminal, not by a client: the protocol has not started.
    io.stdout.write(MCP_USAGE + '\n');
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, MCP_USAGE);
  const mcp = createTokentallyMcp({ dataDir: resolveDataDir(values['data-dir'], io.env), env: io.env });
  const transport = new StdioServerTransport(io.stdin, io.stdout);
  const closed = new Promise<void>((resolve) => {
    mcp.server.server.onclose = resolve;
  });
  // The client going away ends stdin: close, so the process exits.
  io.stdin.once('end', () => void mcp.close());
  await mcp.server.connect(transport);
  await closed;
  await mcp.close();
  return 0;
};
