/**
 * Failures a use case reports without knowing about HTTP. Plain Java: domain and service code throw these, and
 * {@code io.gatehouse.rest.ProblemMappers} turns them into application/problem+json.
 */
package io.gatehouse.errors;
