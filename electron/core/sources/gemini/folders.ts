/**
 * Where Gemini CLI keeps its session logs: <home>/.gemini/tmp/<project>/chats/, where <home> is
 * $GEMINI_CLI_HOME or the user's home (Gemini CLI's paths.ts homedir() and Storage:
 * getGlobalTempDir()/<project id>/chats; the project id is a short name from projects.json, or a
 * SHA-256 of the project's path in older versions). Main sessions are chats/session-*.jsonl
 * (session-*.json before v0.39); a sub-agent's session sits in chats/<parent session id>/.
 * The project folder holds other things too (logs.json of prompts, checkpoints, tool outputs):
 * only chats/ is read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDirectory } from '../claude-code/folders.js';
import type { FileListing } from '../claude-code/transcript-files.js';
import { errorCode, errorMessage } from '../../../../shared/error-message.js';

const CHATS = 'chats';

/** The tmp/ folder holding one folder per project, whether or not it exists yet (a watcher waits for it). */
export function geminiSessionFolders(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.GEMINI_CLI_HOME?.trim() ? path.resolve(env.GEMINI_CLI_HOME.trim()) : env.HOME || os.homedir();
  return [path.join(home, '.gemini', 'tmp')];
}

/**
 * The folder meant by a `--dir` argument: a home holding .gemini/, a .gemini folder, its tmp/,
 * one project's folder or its chats/ folder.
 */
export function geminiFoldersOf(dir: string): string[] {
  const resolved = path.resolve(dir);
  for (const inner of [path.join(resolved, '.gemini', 'tmp'), path.join(resolved, 'tmp')]) {
    if (isDirectory(inner)) return [inner];
  }
  return [resolved];
}

/** A main session (chats/session-*.json[l]) or a sub-agent's (chats/<parent>/*.json[l]). */
export function isGeminiSessionFile(file: string): boolean {
  const name = path.basename(file);
  if (!name.endsWith('.jsonl') && !name.endsWith('.json')) return false;
  const parent = path.basename(path.dirname(file));
  if (parent === CHATS) return name.startsWith('session-');
  return path.basename(path.dirname(path.dirname(file))) === CHATS;
}

/**
 * The session files under each folder (a tmp/ folder, a project folder or a chats/ folder).
 * `dirs` lists the folders to watch: the root, each project folder (where chats/ appears) and
 * each chats/ folder with its sub-agent folders.
 */
export function listGeminiSessionFiles(folders: readonly string[]): FileListing {
  const listing: FileListing = { files: [], errors: [], existing: [], dirs: [] };
  const seen = new Set<string>();
  for (const folder of folders) {
    let real: string;
    try {
      real = fs.realpathSync(folder);
    } catch {
      continue; // not there (yet)
    }
    if (seen.has(real)) continue;
    seen.add(real);
    listing.existing.push(folder);
    for (const chats of chatsFolders(folder, listing)) readChats(chats, listing);
  }
  return listing;
}

function chatsFolders(root: string, listing: FileListing): string[] {
  if (path.basename(root) === CHATS) return [root];
  if (isDirectory(path.join(root, CHATS))) {
    listing.dirs.push(root);
    return [path.join(root, CHATS)];
  }
  const projects = entries(root, listing);
  if (projects === null) return [];
  listing.dirs.push(root);
  const found: string[] = [];
  for (const entry of projects) {
    if (!entry.isDirectory()) continue;
    const project = path.join(root, entry.name);
    listing.dirs.push(project);
    if (isDirectory(path.join(project, CHATS))) found.push(path.join(project, CHATS));
  }
  return found;
}

function readChats(chats: string, listing: FileListing): void {
  const list = entries(chats, listing);
  if (list === null) return;
  listing.dirs.push(chats);
  for (const entry of list) {
    const full = path.join(chats, entry.name);
    if (entry.isFile()) {
      if (isGeminiSessionFile(full)) listing.files.push(full);
    } else if (entry.isDirectory()) {
      const sub = entries(full, listing);
      if (sub === null) continue;
      listing.dirs.push(full);
      for (const s of sub) if (s.isFile() && isGeminiSessionFile(path.join(full, s.name))) listing.files.push(path.join(full, s.name));
    }
  }
}

function entries(dir: string, listing: FileListing): fs.Dirent[] | null {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    const code = errorCode(err);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') listing.errors.push(`cannot read the folder ${dir}: ${errorMessage(err)}`);
    return null;
  }
}
