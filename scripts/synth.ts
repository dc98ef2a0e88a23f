/**
 * Command-line entry: `npm run --silent synth -- <command> [options]`.
 * Commands live in scripts/cli/<command>.ts and export `run(args: string[]): Promise<void>`.
 * Contract: the last stdout line of a successful run is one JSON object; errors exit non-zero with
 * a one-line message on stderr naming the problem.
 */
const commands: Record<string, () => Promise<{ run: (args: string[]) => Promise<void> }>> = {
  'fit-sample': () => import('./cli/fit-sample'),
  multi: () => import('./cli/multi'),
  report: () => import('./cli/report')
};

const [cmd, ...args] = process.argv.slice(2);
if (!cmd || !(cmd in commands)) {
  console.error(`usage: synth <${Object.keys(commands).join('|')}> [options]`);
  process.exit(2);
}
try {
  const mod = await commands[cmd]();
  await mod.run(args);
} catch (e) {
  const msg = e instanceof Error ? e.message : String(e);
  console.error(`synth ${cmd}: ${msg.split('\n')[0]}`);
  process.exit(1);
}
