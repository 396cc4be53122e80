/**
 * Adding and removing replicas, for Patroni and plain streaming-replication clusters: pre-checks with their reasons,
 * a preview of every command that will run on the target host, the run itself (with undo on failure) and the
 * report. Every command goes through a {@link io.pilothouse.services.hosts.HostShell}, so the same code adds a
 * replica on this machine and on a remote host over SSH.
 */
package io.pilothouse.services.replicas;
