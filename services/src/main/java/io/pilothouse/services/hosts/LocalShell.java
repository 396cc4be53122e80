package io.pilothouse.services.hosts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs commands on this machine as the user Pilothouse runs as. */
public final class LocalShell implements HostShell {

    @Override
    public CommandResult run(List<String> argv, Duration timeout) throws HostCommandException {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        } catch (IOException e) {
            throw new HostCommandException("could not start " + ShellQuoting.render(argv) + " on this machine: "
                    + e.getMessage() + "; check that the program is installed and on the PATH");
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new HostCommandException(ShellQuoting.render(argv) + " did not end within "
                        + timeout.toSeconds() + " s on this machine and was stopped");
            }
            return new CommandResult(process.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HostCommandException("interrupted while running " + ShellQuoting.render(argv));
        } catch (ExecutionException | TimeoutException e) {
            throw new HostCommandException("could not read the output of " + ShellQuoting.render(argv) + ": " + e);
        }
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) throws HostCommandException {
        Path target = Path.of(path);
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Set<PosixFilePermission> perms = PosixFilePermissions.fromString(permissionString(mode));
            Path temp = Files.createTempFile(dir, ".ph-", ".tmp", PosixFilePermissions.asFileAttribute(perms));
            try {
                Files.write(temp, content);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new HostCommandException("could not write " + path + " on this machine: " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "this machine";
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public void close() {
    }

    static String permissionString(int mode) {
        String letters = "rwxrwxrwx";
        StringBuilder out = new StringBuilder(9);
        for (int bit = 8; bit >= 0; bit--) {
            out.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return out.toString();
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
