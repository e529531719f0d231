// Baseline for the throughput benchmark: a bare Fastify 5 server, no plugins, no logging.
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 3001);
const host = process.env.HOST ?? '127.0.0.1';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

try {
  await app.listen({ port, host });
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
// Leave cleanly when the benchmark stops us.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => app.close().then(() => process.exit(0)));
