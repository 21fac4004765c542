/**
 * SCIM discovery documents (RFC 7644 §4, RFC 7643 §5–7): what this service provider supports, so
 * identity systems configure themselves instead of guessing. Static, apart from the base URL.
 */

import { MAX_COUNT } from './scim.service';
import { CORE_USER, ENTERPRISE, LIST_RESPONSE, PERSON_EXT } from './scim-map';

const SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
const RESOURCE_TYPE = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';

export function serviceProviderConfig(base: string) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: `${base.replace(/\/scim\/v2$/, '')}/api/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'API token',
        description: 'Authorization: Bearer smin_… (an OpenSMIN API token of a user holding people.write)',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

const attr = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});
const multi = (name: string) =>
  attr(name, 'complex', {
    multiValued: true,
    subAttributes: [attr('value', 'string'), attr('type', 'string'), attr('primary', 'boolean')],
    description: 'Only the primary (or first) value is kept.',
  });

const SCHEMAS = [
  {
    id: CORE_USER,
    name: 'User',
    description: 'Personnel of an organization (dependants are not provisioned over SCIM)',
    attributes: [
      attr('userName', 'string', {
        mutability: 'readOnly',
        description: 'The primary e-mail, or the externalId when there is none',
      }),
      attr('externalId', 'string', {
        required: true,
        mutability: 'immutable',
        uniqueness: 'server',
        description: 'The HR system id, unique within the organization',
      }),
      attr('name', 'complex', {
        required: true,
        subAttributes: [
          attr('givenName', 'string', { required: true }),
          attr('familyName', 'string', { required: true }),
        ],
      }),
      multi('emails'),
      multi('phoneNumbers'),
      attr('active', 'boolean', { description: 'false: separated (the profile is kept)' }),
    ],
  },
  {
    id: ENTERPRISE,
    name: 'EnterpriseUser',
    description: 'Enterprise user',
    attributes: [
      attr('employeeNumber', 'string', { description: 'Used as externalId when externalId is absent' }),
      attr('organization', 'string', {
        mutability: 'immutable',
        description: 'Organization code; defaults to the token holder’s organization',
      }),
    ],
  },
  {
    id: PERSON_EXT,
    name: 'OpenSMINPerson',
    description: 'Security profile attributes',
    attributes: [
      attr('recruitment', 'string', { required: true, canonicalValues: ['international', 'local'] }),
      attr('dutyStation', 'string', { description: 'Duty station code' }),
      attr('contractType', 'string'),
    ],
  },
];

export function schemas(base: string) {
  const Resources = SCHEMAS.map((s) => ({
    schemas: [SCHEMA],
    ...s,
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${s.id}` },
  }));
  return {
    schemas: [LIST_RESPONSE],
    totalResults: Resources.length,
    startIndex: 1,
    itemsPerPage: Resources.length,
    Resources,
  };
}

export function resourceTypes(base: string) {
  const Resources = [
    {
      schemas: [RESOURCE_TYPE],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      schema: CORE_USER,
      schemaExtensions: [
        { schema: ENTERPRISE, required: false },
        { schema: PERSON_EXT, required: false },
      ],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
    },
  ];
  return { schemas: [LIST_RESPONSE], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources };
}
