import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { Action } from './auth/policy';

/** One route as declared: method, URL pattern and the action it needs (none: public or handled by a plugin). */
export interface DeclaredRoute {
  method: HTTPMethods;
  url: string;
  action: Action | undefined;
}

const tables = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/**
 * Starts collecting every route declared on `app` from now on (an onRoute hook), so tests can
 * walk the whole table and check that each fails closed: a new route cannot slip through.
 */
export function collectRoutes(app: FastifyInstance): void {
  const list: DeclaredRoute[] = [];
  tables.set(app, list);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = route.config as { action?: Action } | undefined;
    for (const method of methods) list.push({ method, url: route.url, action: config?.action });
  });
}

/** The routes collected on `app` (empty when {@link collectRoutes} was not called). */
export const routesOf = (app: FastifyInstance): readonly DeclaredRoute[] => tables.get(app) ?? [];
