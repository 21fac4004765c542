/** The API and product version, shown by /api/health and in the OpenAPI document. */
export const API_VERSION = '0.1.0';
