// The section maths is pure and also draws the printed report's images (planning/report/render): one copy, in planning/.
export { spheroidSection, type CanvasEllipse } from '../../planning/zones/spheroidSection';
