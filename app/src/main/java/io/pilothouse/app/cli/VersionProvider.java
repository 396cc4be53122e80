package io.pilothouse.app.cli;

import picocli.CommandLine;

/** {@code pilothouse --version}: the app version plus the runtime, which matters for support questions. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "pilothouse " + (version == null ? "0.1.0" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
