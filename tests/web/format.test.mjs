// The staff page's one formatting module (assets/web/js/format.js), in node: en-GB dates
// and times whatever the locale, and what staff may type for a date.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const sourceDir = process.env.FRONTDOOR_SOURCE ?? path.resolve(import.meta.dirname, '..', '..');
const f = await import(pathToFileURL(path.join(sourceDir, 'assets', 'web', 'js', 'format.js')));

describe('format.js', () => {
  it('writes dates day first and times on the 24-hour clock', () => {
    assert.equal(f.ukDate('2027-03-14'), '14/03/2027');
    assert.equal(f.ukDate('2027-03-14T14:30:00+00:00'), '14/03/2027');
    assert.equal(f.hhmm('2027-03-14T14:30:00+00:00'), '14:30');
    assert.equal(f.shortDateTime('2027-03-14T14:30:00+00:00'), 'Sun 14/03/2027, 14:30');
    assert.equal(f.longDate('2027-03-14'), 'Sunday 14 March 2027');
    assert.equal(f.longDate('2026-10-25'), 'Sunday 25 October 2026', 'the day the clocks go back');
  });

  it('writes an instant from the server as the hub\'s wall clock', () => {
    assert.equal(f.zonedDateTime('2026-12-02T09:14:03Z', 'Europe/London'), '02/12/2026 09:14', 'winter: London is UTC');
    assert.equal(f.zonedDateTime('2027-07-01T23:30:00Z', 'Europe/London'), '02/07/2027 00:30', 'summer: the next day already');
    assert.equal(f.zonedDateTime('2027-07-01T14:05:00+01:00', 'Europe/London'), '01/07/2027 14:05');
    assert.equal(f.zonedDateTime('not a time', 'Europe/London'), 'not a time');
  });

  it('reads what staff type as a date, and refuses what is no date', () => {
    assert.equal(f.parseDate('14/03/2027'), '2027-03-14');
    assert.equal(f.parseDate(' 4/3/2027 '), '2027-03-04');
    assert.equal(f.parseDate('2027-03-14'), '2027-03-14');
    assert.equal(f.parseDate('03/14/2027'), null, 'an American date is no date here');
    assert.equal(f.parseDate('29/02/2027'), null);
    assert.equal(f.parseDate('29/02/2028'), '2028-02-29');
    assert.equal(f.parseDate(''), null);
    assert.equal(f.parseTime('9:05'), '09:05');
    assert.equal(f.parseTime('24:00'), null);
    assert.equal(f.parseTime('2:30 PM'), null);
  });

  it('says how late a booked family is', () => {
    assert.equal(f.lateText(0), '');
    assert.equal(f.lateText(25), 'late 25 min');
    assert.equal(f.lateText(65), 'late 1 h 05 min');
  });

  it('writes a phone number as it is read out', () => {
    assert.equal(f.phoneText('07700900123'), '07700 900123');
    assert.equal(f.phoneText('+447700900123'), '+44 7700 900123');
    assert.equal(f.phoneText('0161 496 0000'), '0161 496 0000');
  });
});
