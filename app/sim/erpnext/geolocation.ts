// HRMS v15+ with HR Settings "Allow Geolocation Tracking" on (docs/frappe-hr.md §2.1): a checkin
// needs a position, and within the shift location's radius when the shift has one.
import { validationError } from './frappe-errors';
import type { FrappeFailure } from './frappe-failure';
import type { ShiftLocation } from './options';

const EARTH_RADIUS_METERS = 6_371_000;

export function geolocationFailure(latitude: unknown, longitude: unknown, location: ShiftLocation | undefined): FrappeFailure | undefined {
  const lat = Number(latitude ?? 0) || 0;
  const long = Number(longitude ?? 0) || 0;
  if (lat === 0 && long === 0) return validationError('Latitude and longitude values are required for checking in.');
  if (location && distanceMeters(lat, long, location.latitude, location.longitude) > location.radiusMeters) {
    return validationError(
      `You must be within ${location.radiusMeters} meters of your shift location to check in.`,
      'CheckinRadiusExceededError',
      'hrms.hr.doctype.employee_checkin.employee_checkin',
    );
  }
  return undefined;
}

function distanceMeters(lat1: number, long1: number, lat2: number, long2: number): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(lat2 - lat1);
  const dLong = radians(long2 - long1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(dLong / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.sqrt(a));
}
