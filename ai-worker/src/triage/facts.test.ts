import { describe, expect, it } from 'vitest';
import {
  childAge,
  glucose,
  ketones,
  pregnancyWeeks,
  respiratoryRate,
  tabletCount,
  temperature,
} from './facts.ts';
import { normalise } from './normalise.ts';

const n = normalise;

describe('facts read from the text', () => {
  it("a child's age in days, weeks, months or years", () => {
    expect(childAge(n('my newborn is 10 days old'))).toBeCloseTo(10 / 365);
    expect(childAge(n('my 3 week old feels hot'))).toBeCloseTo(21 / 365);
    expect(childAge(n('baby is 7 weeks, temp 38.6'))).toBeCloseTo(49 / 365);
    expect(childAge(n('2 mahine ki beti ko bukhar hai'))).toBeCloseTo(2 / 12);
    expect(childAge(n('20 din ka baccha hai'))).toBeCloseTo(20 / 365);
    expect(childAge(n('my 18 month old has eczema'))).toBeCloseTo(1.5);
    expect(childAge(n('my son is 12 and says it hurts'))).toBe(12);
    expect(childAge(n('3yo with a barking cough'))).toBe(3);
    expect(childAge(n('2 महीने की बेटी'))).toBeCloseTo(2 / 12);
  });

  it('not an age: durations, gestations, adults', () => {
    expect(childAge(n('cough since 2 weeks baby is fine'))).toBeUndefined();
    expect(childAge(n('she is 34 weeks pregnant'))).toBeUndefined();
    expect(childAge(n('mum is 84 and lives alone'))).toBeUndefined();
  });

  it('temperature in °C or °F, only where it is a temperature', () => {
    expect(temperature(n('temp of 38.0 on the ear thermometer'))).toBe(38);
    expect(temperature(n('bukhar 102.5 hai'))).toBeCloseTo(39.2, 1);
    expect(temperature(n('fever 38.5 to 39'))).toBe(39);
    expect(temperature(n('101°F'))).toBeCloseTo(38.3, 1);
    expect(temperature(n('breathing 40 a minute'))).toBeUndefined();
    expect(temperature(n('sugar reading 101'))).toBeUndefined();
  });

  it('glucose in mg/dL or mmol/L, and a meter that reads HI', () => {
    expect(glucose(n('his sugar is 2.1'))).toMatchObject({ glucoseMin: 2.1 * 18 });
    expect(glucose(n('papa ki sugar 40 aayi hai'))).toMatchObject({ glucoseMin: 40 });
    expect(glucose(n('sugar is 480, vomitings'))).toMatchObject({ glucoseMax: 480 });
    expect(glucose(n('type 1, meter just says HI'))).toMatchObject({ meterHi: true });
    expect(glucose(n('hi doctor, my sugar is fine'))).toMatchObject({ meterHi: false });
    expect(glucose(n('type 2 diabetic for years'))).toMatchObject({ glucoseMin: undefined });
  });

  it('ketones, a counted breathing rate, weeks of pregnancy', () => {
    expect(ketones(n('ketones are 3.2'))).toBe(3.2);
    expect(respiratoryRate(n('i counted his breathing and its like 70 a minute'))).toBe(70);
    expect(pregnancyWeeks(n('im about 7 weeks pregnant'))).toBe(7);
    expect(pregnancyWeeks(n('7 mahine pregnant hu'))).toBe(30);
    expect(pregnancyWeeks(n('34 weeks, baby moving less'))).toBe(34);
    expect(pregnancyWeeks(n('period is 2 weeks late'))).toBeUndefined();
  });

  it('how many tablets were taken', () => {
    expect(tabletCount(n('i took 24 paracetomol about 2 hours ago'))).toBe(24);
    expect(tabletCount(n('6 of my amitriptyline missing'))).toBe(6);
    expect(tabletCount(n('बच्ची ने 8-10 गोलियां खा लीं'))).toBe(10);
    expect(tabletCount(n('took 2 strips of alprazolam'))).toBe(20);
    expect(tabletCount(n('took 2 paracetamol at 9 and 2 ibuprofen at 1'))).toBe(2);
    expect(tabletCount(n('i take 10 mg tablets daily'))).toBeUndefined();
    expect(tabletCount(n('i have 20 tablets left'))).toBeUndefined();
  });
});
