/**
 * Types of the people and training API (personal security profiles, dependants, training status),
 * inferred from the server's schemas (src/modules/people/people.schema.ts) with type-only imports,
 * as in types.ts. The HR import's result comes from its service's
 * exported interface (its response schema is not exported).
 */

import type { z } from 'zod';
import type * as s from '../../modules/people/people.schema';
import type * as imports from '../../modules/people/people-import.service';
import type * as training from '../../modules/people/training.schema';
import type { EveryOf } from './every';

export type PersonKind = (typeof s.KINDS)[number];
const kinds = ['personnel', 'dependant'] as const;
export const PERSON_KINDS: EveryOf<PersonKind, typeof kinds> = kinds;
export type Recruitment = (typeof s.RECRUITMENTS)[number];
const recruitments = ['international', 'local'] as const;
export const RECRUITMENTS: EveryOf<Recruitment, typeof recruitments> = recruitments;

export type PersonSummary = z.infer<typeof s.personSummary>;
export type Person = z.infer<typeof s.personDetail>;
export type PersonPage = z.infer<typeof s.peoplePage>;
export type CourseStatus = z.infer<typeof s.courseStatus>;
export type CertificateStatus = CourseStatus['state'];
export type EmergencyContact = z.input<typeof s.emergencyContact>;
export type UpdateSelf = z.input<typeof s.updateSelf>;
export type CreateDependant = z.input<typeof s.createDependant>;
export type PeopleListQuery = Omit<z.input<typeof s.peopleListQuery>, 'limit' | 'after'>;

/** The outcome of an HR import: counts, and each problem by line and column (field). */
export type PeopleImportResult = imports.PeopleImportResult;
export type ImportRowProblem = imports.RowProblem;

export type TrainingCourse = z.infer<typeof training.course>;
export type TrainingReport = z.infer<typeof training.trainingReport>;
export type RecordCertificate = z.input<typeof training.recordCertificate>;
