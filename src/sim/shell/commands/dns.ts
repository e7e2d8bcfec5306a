/**
 * nslookup, dig and host: the DNS layer's tools (src/sim/dns/tools) on this host.
 */
import { DNS_TOOLS } from '../../dns/tools';
import { runDnsCommand } from '../../dns/dnsModule';
import { registerCommand } from '../registry';

registerCommand([...DNS_TOOLS], (ctx, argv) => {
  const result = runDnsCommand(ctx.host, ctx.world, argv);
  return { output: result.stdout, exitStatus: result.exitStatus };
});
