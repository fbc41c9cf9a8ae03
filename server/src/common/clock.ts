// The clock belongs to the calendar module now; this re-export keeps existing imports working
// until they move to '../calendar/clock'.
export { Clock, SystemClock } from '../calendar/clock';
