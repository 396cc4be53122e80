/**
 * The sandbox launcher: a real PostgreSQL 15 + Patroni + etcd (+ optional HAProxy) cluster on
 * loopback, started as unprivileged processes from one directory, for tests, the demo and users.
 *
 * <p>{@link io.pilothouse.services.sandbox.SandboxLauncher} is the entry point; everything else
 * public here is a value it returns. The directory holds every file of a sandbox: configuration,
 * data, logs, {@code sandbox.json} (pids and ports, no secrets), {@code workspace.yaml} (what the
 * app opens) and {@code pgpass} (the only file with passwords besides each member's
 * {@code patroni.yml}).
 */
package io.pilothouse.services.sandbox;
