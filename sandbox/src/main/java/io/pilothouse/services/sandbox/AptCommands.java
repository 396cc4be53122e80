package io.pilothouse.services.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * apt-get and apt-cache pointed at a private configuration in {@code work}: a sources list of its own naming one
 * suite, and its own lists, cache, state, status and preferences, so that nothing of the machine's apt is read
 * besides its keyrings, and nothing of it is written.
 */
record AptCommands(List<String> options) {

    /** Writes the private sources list and directories under {@code work}. */
    static AptCommands prepare(Path work, String archiveUri, String keyring) throws IOException {
        Path sources = work.resolve("sources.list");
        String signedBy = keyring == null ? "" : "[signed-by=" + keyring + "] ";
        Files.writeString(sources, "deb " + signedBy + archiveUri + " " + TrixiePatroni.SUITE + " main\n");
        Files.createDirectories(work.resolve("lists/partial"));
        Files.createDirectories(work.resolve("cache/archives/partial"));
        Files.createDirectories(work.resolve("state"));
        Files.createDirectories(work.resolve("preferences.d"));
        Files.createDirectories(work.resolve("sources.list.d"));
        Files.writeString(work.resolve("status"), "");
        List<String> options = new ArrayList<>(List.of(
                "-o", "Dir::Etc::sourcelist=" + sources,
                "-o", "Dir::Etc::sourceparts=" + work.resolve("sources.list.d"),
                "-o", "Dir::Etc::preferences=" + work.resolve("preferences"),
                "-o", "Dir::Etc::preferencesparts=" + work.resolve("preferences.d"),
                "-o", "Dir::State=" + work.resolve("state"),
                "-o", "Dir::State::Lists=" + work.resolve("lists"),
                "-o", "Dir::State::status=" + work.resolve("status"),
                "-o", "Dir::Cache=" + work.resolve("cache"),
                "-o", "APT::Get::List-Cleanup=false",
                "-o", "Acquire::Retries=2",
                "-o", "Acquire::http::Timeout=30",
                "-o", "Acquire::https::Timeout=30"));
        if ("root".equals(System.getProperty("user.name"))) {
            // apt drops to _apt for downloads, which cannot write into root's private directories.
            options.addAll(List.of("-o", "APT::Sandbox::User=root"));
        }
        return new AptCommands(List.copyOf(options));
    }

    /** {@code tool} (apt-get, apt-cache) with the private configuration, then {@code args}. */
    List<String> command(String tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(options);
        command.addAll(List.of(args));
        return command;
    }
}
