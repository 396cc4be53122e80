/**
 * Pilothouse views: JavaFX views, their view models and custom controls. Views bind to view models; view models
 * read immutable snapshots from {@code io.pilothouse.services.model.EstateFeed} once per frame. Nothing here talks
 * to PostgreSQL, Patroni or etcd.
 */
package io.pilothouse.views;
