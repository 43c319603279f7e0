// Webhook signature headers made and checked by Stripe's own Node SDK, for tst_webhooks.
// stdin: a JSON array of requests; stdout: a JSON array of answers, one per request.
//   {"make": {"payload", "secret", "timestamp"}}        -> {"header"}            (generateTestHeaderString)
//   {"check": {"payload", "header", "secret", "tolerance"}} -> {"ok": bool, "error"} (constructEvent)
'use strict';
const Stripe = require('stripe');
const stripe = new Stripe('sk_test_unused_by_signature_helpers');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const answers = JSON.parse(input).map((request) => {
    if (request.make) {
      const m = request.make;
      return { header: stripe.webhooks.generateTestHeaderString({
        payload: m.payload, secret: m.secret, timestamp: m.timestamp }) };
    }
    const c = request.check;
    try {
      stripe.webhooks.constructEvent(c.payload, c.header, c.secret, c.tolerance);
      return { ok: true };
    } catch (e) {
      return { ok: false, error: String(e.message).split('\n')[0] };
    }
  });
  process.stdout.write(JSON.stringify(answers));
});
