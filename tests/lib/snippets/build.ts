import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inPool, runProgram, type Interpreter } from '../../support/interpreters.ts';

/** How to run one case's snippet once it is built: a command, and the file it takes if any. */
export interface Program {
  readonly interpreter: Interpreter;
  readonly file: string | null;
}

/**
 * Builds the compiled languages' snippets of every case at once, before any runs (2 shared
 * cores: one javac and one `go build` instead of one compiler start per case). Interpreted
 * languages run their file as it is. Each case's snippet is `file` in its own directory.
 */
export async function buildPrograms(
  targetId: string,
  interpreter: Interpreter,
  root: string,
  dirs: readonly string[],
  file: string,
  env: NodeJS.ProcessEnv,
): Promise<Program[]> {
  const fail = (what: string, result: { stdout: string; stderr: string; code: number | null }) => {
    if (result.code !== 0) throw new Error(`${what} failed:\n${result.stdout}\n${result.stderr}`);
  };
  if (targetId === 'java-httpclient') {
    // One javac for all: each case's class gets its own name (the only change to the code);
    // the no-token run still launches the unchanged file as `java RedcapApi.java`.
    const sources = join(root, 'java-build');
    mkdirSync(sources, { recursive: true });
    const names = dirs.map((dir, i) => {
      const code = readFileSync(join(dir, file), 'utf8');
      if (!code.includes('\nclass RedcapApi {\n')) throw new Error('no class RedcapApi');
      writeFileSync(
        join(sources, `Case${i}.java`),
        code.replace('\nclass RedcapApi {\n', `\nclass Case${i} {\n`),
      );
      return `Case${i}.java`;
    });
    const javac = {
      command: 'javac',
      args: ['-encoding', 'UTF-8', '-d', 'classes', ...names.slice(0, -1)],
    };
    fail(
      'javac',
      await runProgram(javac, names.at(-1)!, { cwd: sources, env, timeoutMs: 300_000 }),
    );
    const classes = join(sources, 'classes');
    return dirs.map((_, i) => ({
      // Starts faster: no optimising JIT for a program that makes a few calls.
      interpreter: {
        command: 'java',
        args: ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', classes],
      },
      file: `Case${i}`,
    }));
  }
  if (targetId === 'go-net-http') {
    // One `go build` for all: a module whose packages are the cases' directories.
    writeFileSync(join(root, 'go.mod'), 'module snippets\n\ngo 1.19\n');
    const packages = dirs.map((dir) => `./${relative(root, dir)}`);
    // interpreter is `env GOCACHE=… go run`: the same, with build instead of run.
    const go = {
      command: interpreter.command,
      args: [...interpreter.args.slice(0, -1), 'build', '-o', 'bin/', ...packages],
    };
    fail(
      'go build',
      await runProgram(go, null, { cwd: root, env: { ...env, HOME: root }, timeoutMs: 300_000 }),
    );
    return dirs.map((dir) => ({
      interpreter: { command: join(root, 'bin', relative(root, dir)), args: [] },
      file: null,
    }));
  }
  if (targetId === 'csharp-httpclient') {
    // mcs builds one program at a time: two at once, all before the runs.
    const mcs = { command: 'mcs', args: ['-nologo', '-r:System.Net.Http', '-out:snippet.exe'] };
    await inPool(dirs, 2, async (dir) =>
      fail('mcs', await runProgram(mcs, file, { cwd: dir, env, timeoutMs: 120_000 })),
    );
    return dirs.map(() => ({
      interpreter: { command: 'mono', args: ['snippet.exe'] },
      file: null,
    }));
  }
  return dirs.map(() => ({ interpreter, file }));
}
