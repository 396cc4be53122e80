/**
 * Pilothouse services: the domain model and every piece of I/O (PostgreSQL, Patroni REST, etcd,
 * the sandbox launcher). Nothing here imports JavaFX; the views bind to what these classes publish.
 */
package io.pilothouse.services;
