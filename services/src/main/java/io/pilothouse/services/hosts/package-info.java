/**
 * Where an operation's commands run: this machine ({@link io.pilothouse.services.hosts.LocalShell}) or a remote
 * host over SSH. Commands are argument vectors, never strings a shell parses, except where a caller asks for
 * {@code sh -c} explicitly and quotes every value with {@link io.pilothouse.services.hosts.ShellQuoting}.
 */
package io.pilothouse.services.hosts;
