import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { testApp } from '../testing/harness';

let app: FastifyInstance;
afterEach(() => app.close());

describe('/docs', () => {
  it('serves OpenAPI generated from the TypeBox schemas, and Swagger UI under the same CSP', async () => {
    app = await testApp();
    const doc = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    const spec = doc.json();
    expect(spec.openapi).toMatch(/^3\./);
    const put = spec.paths['/api/clusters/{id}/kv/{key}'].put;
    expect(put.requestBody.content['application/json'].schema.properties.value.maxLength).toBe(4096);
    expect(spec.paths['/api/clusters'].post).toBeDefined();
    const ui = await app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toMatch(/swagger/i);
    expect(String(ui.headers['content-security-policy'])).toContain("script-src 'self'");
    // Every script the page loads is a file of this origin.
    for (const [, src] of ui.body.matchAll(/<script[^>]*src="([^"]+)"/g)) expect(src).not.toMatch(/^https?:/);
    expect(ui.body).not.toMatch(/<script>(?!\s*<\/script>)/);
  });
});
