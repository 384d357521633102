import { exercisesApi, type ExerciseView } from '../../api/exercises';

// One request per exercise per page load: the study page picks the series from it and the
// exercise session reads the given content from the same answer.
const views = new Map<string, Promise<ExerciseView>>();

/** The trainee's view of an exercise, fetched once per page load (a failure is fetched again next time). */
export function exerciseViewOnce(id: string): Promise<ExerciseView> {
  let p = views.get(id);
  if (!p) {
    p = exercisesApi.get(id);
    views.set(id, p);
    p.catch(() => views.delete(id));
  }
  return p;
}

/** The exercise named by the address (`?exercise=<id>`), or undefined outside exercise mode. */
export function exerciseParam(search: string): string | undefined {
  const id = new URLSearchParams(search).get('exercise');
  return id && /^[0-9a-f-]{36}$/.test(id) ? id : undefined;
}

/** The series an exercise is planned on, or undefined outside exercise mode. */
export async function exerciseSeriesUid(id: string | undefined): Promise<string | undefined> {
  return id ? (await exerciseViewOnce(id)).seriesInstanceUID : undefined;
}
