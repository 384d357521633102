import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { encodePngRgb } from '../../interop/png/encodePng';
import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import { planScene, reportImageList } from '../../planning/report/render/planScene';
import { renderReportView } from '../../planning/report/render/renderReportView';
import { REPORT_VIEWS, type ReportView } from '../../planning/report/render/reportPlanes';
import { trajectoryContentSchema, migrateTrajectoryContent } from '../../planning/trajectory/trajectoryContent';
import type { PlanDocument } from '../../records';
import { err, ok, type Result } from '../../shared/result';
import { sendProblem } from '../fastifyBase';
import type { RecordsRepository } from '../records/recordsRepository';
import { createBoundedCache } from './boundedCache';
import type { VolumeLookup } from './seriesVolumes';

/** The pictures' size in pixels (square): 512 prints at ~85 mm wide at 150 dpi. */
export const REPORT_IMAGE_SIZE = 512;

/** What the report image routes need. */
export interface ReportImagesOptions {
  readonly plans: Pick<RecordsRepository, 'getPlan' | 'planVersion'>;
  /** The CT of a series, as the plan metrics use it (shared cache). */
  readonly volumeFor: VolumeLookup;
  readonly devices: DeviceCatalogue;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const VERSION = /^[1-9][0-9]{0,8}$/;
const listParams = z.object({ id: z.string().regex(UUID).describe('A plan id (UUID)') });
const imageParams = z.object({
  id: z.string().regex(UUID).describe('A plan id (UUID)'),
  n: z.string().describe('The needle, 0-based'),
  file: z.string().describe('axial.png, sagittal.png, coronal.png or probe.png'),
});
const query = z.object({ version: z.string().optional().describe('A saved version of the plan (default: the latest)') });

/** A refusal to send: status, code, message. */
interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

const trajectoriesOf = (plan: PlanDocument) => {
  const parsed = trajectoryContentSchema.safeParse(migrateTrajectoryContent({ ...plan.content }));
  return parsed.success ? parsed.data.trajectories : [];
};

/**
 * GET /api/plans/:id/report-images (the pictures of each needle with captions, JSON) and
 * GET /api/plans/:id/report-images/:n/:view.png (one picture, image/png 512×512): the plan report's
 * key images, drawn on the server from the plan's CT (see planning/report/render). Both need
 * `plan.read` (board accounts may read them). 404 for an unknown plan, version or needle, 400 for
 * an unknown view, 409 when the server does not hold the CT (a plan on local files: its pictures
 * can only be drawn in the viewer). Pictures are kept by plan, version, needle and view: a saved
 * version never changes.
 */
export function reportImagesRoutes(options: ReportImagesOptions): (app: FastifyInstance) => Promise<void> {
  const { plans, volumeFor, devices } = options;
  const pictures = createBoundedCache<Uint8Array>({ maxEntries: 64, maxBytes: 48 * 1024 ** 2, sizeOf: (png) => png.byteLength });

  const planOf = async (request: FastifyRequest): Promise<Result<PlanDocument, Refusal>> => {
    const id = (request.params as { id: string }).id.toLowerCase();
    const v = (request.query as { version?: string } | undefined)?.version;
    if (v !== undefined && !VERSION.test(v)) return err({ status: 400, code: 'invalid-query', message: 'version must be a version number from 1' });
    const found = v === undefined ? await plans.getPlan(id) : await plans.planVersion(id, Number(v));
    if (!found) return err({ status: 404, code: 'not-found', message: v === undefined ? `No plan ${id}` : `No version ${v} of plan ${id}` });
    return ok(found.document);
  };

  const ctOf = async (plan: PlanDocument) => {
    const ct = await volumeFor(plan.seriesInstanceUID, { studyInstanceUID: plan.studyInstanceUID });
    return ct
      ? ok(ct.volume)
      : err<Refusal>({
          status: 409,
          code: 'ct-not-held',
          message: `The server does not hold the CT of this plan (series ${plan.seriesInstanceUID}, e.g. a plan on local files): its key images can be made in the viewer only`,
        });
  };

  const refuse = (reply: FastifyReply, r: Refusal) => sendProblem(reply, r.status, r.code, r.message);

  return async (app) => {
    app.get(
      '/api/plans/:id/report-images',
      {
        config: { action: 'plan.read', notFoundKind: 'plan' },
        schema: { params: listParams, querystring: query, summary: "The plan report's key images of each needle (axial, sagittal or coronal, probe's eye) with captions" },
      },
      async (request, reply) => {
        const plan = await planOf(request);
        if (!plan.ok) return refuse(reply, plan.error);
        const ct = await ctOf(plan.value);
        if (!ct.ok) return refuse(reply, ct.error);
        const base = `/api/plans/${plan.value.id}/report-images`;
        const images = reportImageList(trajectoriesOf(plan.value), ct.value, devices).map((e) => ({
          ...e,
          url: `${base}/${e.needle}/${e.view}.png?version=${plan.value.version}`,
          width: REPORT_IMAGE_SIZE,
          height: REPORT_IMAGE_SIZE,
        }));
        return reply.code(200).send({ planId: plan.value.id, version: plan.value.version, images });
      },
    );

    app.get(
      '/api/plans/:id/report-images/:n/:file',
      {
        config: { action: 'plan.read', notFoundKind: 'plan' },
        schema: { params: imageParams, querystring: query, summary: 'One key image of the plan report as a 512×512 PNG (no identifiers in the picture)' },
      },
      async (request, reply) => {
        const { n, file } = request.params as z.infer<typeof imageParams>;
        const viewMatch = /^([a-z]+)\.png$/.exec(file);
        const view = viewMatch && (REPORT_VIEWS as readonly string[]).includes(viewMatch[1]!) ? (viewMatch[1] as ReportView) : null;
        if (!view) return refuse(reply, { status: 400, code: 'invalid-view', message: `${file} is not a view: use one of ${REPORT_VIEWS.map((v) => `${v}.png`).join(', ')}` });
        const plan = await planOf(request);
        if (!plan.ok) return refuse(reply, plan.error);
        const needles = trajectoriesOf(plan.value);
        const index = /^(0|[1-9][0-9]{0,3})$/.test(n) ? Number(n) : -1;
        if (index < 0 || index >= needles.length) return refuse(reply, { status: 404, code: 'not-found', message: `No needle ${n} in version ${plan.value.version} of plan ${plan.value.id} (it has ${needles.length}, counted from 0)` });
        const key = `${plan.value.id}:${plan.value.version}:${index}:${view}`;
        // The CT first, outside the picture cache: the volume lookup keeps held CTs, and a CT not held must answer 409 to every caller.
        const ct = await ctOf(plan.value);
        if (!ct.ok) return refuse(reply, ct.error);
        const png = await pictures.get(key, async () => {
          const scene = planScene(plan.value, ct.value, devices);
          if (!scene.ok) return err(`the plan's content does not parse: ${scene.error.join('; ')}`);
          const { image } = renderReportView(scene.value, index, view, { size: REPORT_IMAGE_SIZE });
          return ok(encodePngRgb(image.width, image.height, image.data));
        });
        if (!png.ok) return refuse(reply, { status: 422, code: 'invalid-plan', message: png.error });
        return reply
          .code(200)
          .headers({ 'content-type': 'image/png', 'cache-control': 'private, max-age=3600' })
          .send(Buffer.from(png.value.buffer, png.value.byteOffset, png.value.byteLength));
      },
    );
  };
}
