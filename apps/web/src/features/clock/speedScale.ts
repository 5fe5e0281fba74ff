/** The Speed slider is logarithmic: slider position 0..STEPS ↔ speed minSpeed..maxSpeed. */
import { scaleLog } from 'd3-scale';

export const MIN_SPEED = 0.001;
export const MAX_SPEED = 20;
export const SLIDER_STEPS = 1000;

const scale = scaleLog().domain([MIN_SPEED, MAX_SPEED]).range([0, SLIDER_STEPS]).clamp(true);

export const speedToSlider = (speed: number): number => Math.round(scale(speed));

/** Speed for a slider position, rounded to 2 significant digits so values read well. */
export function sliderToSpeed(position: number): number {
  const raw = scale.invert(position);
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, Number(raw.toPrecision(2))));
}

/** `0.02×`, `1×`, `20×`. */
export const formatSpeed = (speed: number): string => `${Number(speed.toPrecision(3))}×`;
