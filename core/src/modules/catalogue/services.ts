// SPDX-License-Identifier: AGPL-3.0-or-later
import { DisabilityService } from './disability';
import { IseeService } from './isee';
import { OfferService } from './offers';

/** The module's services: stateless, shared by pages, API and eligibility checks. */
export const offers = new OfferService();
export const iseeRecords = new IseeService();
export const disabilityRecords = new DisabilityService();
