/**
 * The Model Context Protocol server behind `tokentally mcp`, on the official TypeScript SDK: the
 * tools of mcp-tools.ts, every one read-only, answered as JSON text. The ledger is opened at the
 * first question (a folder without one yet is an error the agent can read, not a crash) and kept
 * open until the client goes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { DATABASE_FILE } from '../ledger/open-database.js';
import { APP_VERSION } from '../version.js';
import { openLedgerApi, type LedgerApi } from './ledger-api.js';
import { MCP_TOOLS } from './mcp-tools.js';

export interface TokentallyMcp {
  server: McpServer;
  close(): Promise<void>;
}

export function createTokentallyMcp(options: { dataDir: string; env?: NodeJS.ProcessEnv }): TokentallyMcp {
  let ledger: LedgerApi | null = null;
  const api = () => {
    if (ledger) return ledger.api;
    if (!fs.existsSync(path.join(options.dataDir, DATABASE_FILE))) {
      throw new Error(`no Tokentally ledger in ${options.dataDir} yet: start Tokentally (or tokentally serve) and make a call through its proxy, or import with tokentally import`);
    }
    ledger = openLedgerApi(options.dataDir, { env: options.env });
    return ledger.api;
  };

  const server = new McpServer(
    { name: 'tokentally', title: 'Tokentally', version: APP_VERSION },
    {
      instructions:
        "Tokentally's ledger of AI usage and cost on this machine: budgets and pace, plan windows, spend by model or tag, prices, savings advice. " +
        'Read-only. Money is in US dollars; subscription use is shown at API prices but is not spend.',
    },
  );
  for (const t of MCP_TOOLS) {
    server.registerTool(
      t.name,
      { title: t.title, description: t.description, inputSchema: t.input, annotations: { readOnlyHint: true, openWorldHint: false } },
      async (args: Record<string, unknown>): Promise<CallToolResult> => ({
        content: [{ type: 'text', text: JSON.stringify(await (t.answer as (a: unknown, b: unknown) => Promise<unknown>)(api(), args), null, 2) }],
      }),
    );
  }
  return {
    server,
    async close() {
      await server.close();
      ledger?.close();
      ledger = null;
    },
  };
}
