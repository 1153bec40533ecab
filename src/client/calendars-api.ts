import type { AddHolidaysRequest, Calendar, CalendarPage, CreateCalendarRequest, UpdateCalendarRequest } from '../api/types.js';
import type { Requester } from './requester.js';

const path = (name: string) => `v1/calendars/${encodeURIComponent(name)}`;

/** Calendars as `client.calendars`: business hours, holidays, the teams that work by them. */
export class CalendarsApi {
  readonly #client: Requester;
  constructor(client: Requester) {
    this.#client = client;
  }

  async list(): Promise<CalendarPage> {
    return (await this.#client.request<CalendarPage>('GET', 'v1/calendars')).body;
  }

  async get(name: string): Promise<Calendar> {
    return (await this.#client.request<Calendar>('GET', path(name))).body;
  }

  async create(input: CreateCalendarRequest): Promise<Calendar> {
    return (await this.#client.request<Calendar>('POST', 'v1/calendars', { json: input })).body;
  }

  async update(name: string, changes: UpdateCalendarRequest): Promise<Calendar> {
    return (await this.#client.request<Calendar>('PATCH', path(name), { json: changes })).body;
  }

  async addHolidays(name: string, input: AddHolidaysRequest): Promise<Calendar> {
    return (await this.#client.request<Calendar>('POST', `${path(name)}/holidays`, { json: input })).body;
  }

  async delete(name: string): Promise<void> {
    await this.#client.request('DELETE', path(name));
  }
}
