/**
 * nslookup, dig and host: the DNS layer's tools (src/sim/dns/tools) on this host. nslookup
 * without a name is interactive: it takes the terminal ("> " prompt) until "exit", or reads its
 * commands from a pipe.
 */
import { dnsToolEnvFor } from '../../dns/dnsModule';
import { runDnsCommand } from '../../dns/hostTools';
import { DNS_TOOLS, startNslookup } from '../../dns/tools';
import { registerCommand } from '../registry';

registerCommand([...DNS_TOOLS], (ctx, argv) => {
  if (argv[0] === 'nslookup') {
    const { session, out, interactive } = startNslookup(argv.slice(1), dnsToolEnvFor(ctx.host, ctx.world));
    if (interactive && ctx.stdin) {
      // commands from a pipe: no prompts, each line as typed, then the end of the input
      for (const line of ctx.stdin) if (!session.finished) session.command(line);
      session.end();
      return { output: out.lines, exitStatus: out.exitStatus };
    }
    if (!interactive) {
      session.end();
      return { output: out.lines, exitStatus: out.exitStatus };
    }
    let shown = 0;
    const flush = () => {
      ctx.print(out.lines.slice(shown));
      shown = out.lines.length;
      if (session.finished) ctx.done(out.exitStatus);
    };
    ctx.print(out.lines);
    shown = out.lines.length;
    ctx.foreground({
      prompt: session.prompt,
      input: (line) => {
        session.command(line);
        flush();
      },
      interrupt: () => {
        session.end();
        flush();
      },
    });
    return 'foreground';
  }
  const result = runDnsCommand(ctx.host, ctx.world, argv);
  return { output: result.stdout, exitStatus: result.exitStatus };
});
