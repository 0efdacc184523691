// Test-only: the two steps the order workflows run, as activity types.
export interface OrderActivities {
  stepA(): Promise<string>;
  stepB(): Promise<string>;
}
