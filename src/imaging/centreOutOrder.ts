/**
 * The indices 0…n−1 from the middle outwards, alternating above and below (for n = 5:
 * 2, 3, 1, 4, 0), so the slice a view opens on is loaded first and its neighbours next.
 */
export function centreOutOrder(n: number): number[] {
  const mid = Math.floor(n / 2);
  const order: number[] = [];
  for (let d = 0; order.length < n; d++) {
    if (mid + d < n) order.push(mid + d);
    if (d > 0 && mid - d >= 0) order.push(mid - d);
  }
  return order;
}
