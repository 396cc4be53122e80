package io.pilothouse.services.replicas;

import io.pilothouse.services.hosts.CommandResult;
import io.pilothouse.services.hosts.HostCommandException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@link TargetFacts} on the target host with read-only commands ({@code ls}, {@code ss}, {@code df}). */
final class TargetProbe {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private final TargetHost host;

    TargetProbe(TargetHost host) {
        this.host = host;
    }

    TargetFacts read(String dataDir, List<Integer> ports, String binDir, List<String> programs)
            throws HostCommandException {
        int entries;
        String dirProblem = null;
        CommandResult ls = run(List.of("ls", "-A", "--", dataDir));
        if (ls.ok()) {
            entries = (int) ls.stdout().lines().filter(l -> !l.isBlank()).count();
        } else if (ls.stderr().contains("No such file")) {
            entries = -1;
        } else {
            entries = 0;
            dirProblem = ls.lastLine();
        }
        List<Integer> busy = new ArrayList<>();
        String portsProblem = null;
        CommandResult ss = run(List.of("ss", "-Htln"));
        if (ss.ok()) {
            for (int port : ports) {
                if (listening(ss.stdout(), port)) {
                    busy.add(port);
                }
            }
        } else {
            portsProblem = "ss -Htln failed: " + ss.lastLine();
        }
        long available = -1;
        String diskPath = Path.of(dataDir).toString();
        for (Path p = Path.of(dataDir); p != null; p = p.getParent()) {
            CommandResult df = run(List.of("df", "-P", "-B1", "--", p.toString()));
            if (df.ok()) {
                available = availableBytes(df.stdout());
                diskPath = p.toString();
                break;
            }
        }
        int major = 0;
        CommandResult version = run(List.of(binDir + "/postgres", "--version"));
        if (version.ok()) {
            Matcher m = VERSION.matcher(version.stdout());
            major = m.find() ? Integer.parseInt(m.group(1)) : 0;
        }
        List<String> missing = new ArrayList<>();
        for (String program : programs) {
            if (!run(List.of("test", "-x", binDir + "/" + program)).ok()) {
                missing.add(program);
            }
        }
        return new TargetFacts(entries, dirProblem, busy, portsProblem, available, diskPath, major, missing);
    }

    private CommandResult run(List<String> argv) throws HostCommandException {
        return host.probe(argv);
    }

    /** True when a line of {@code ss -Htln} output has a local address ending in {@code :port}. */
    static boolean listening(String ssOutput, int port) {
        String suffix = ":" + port;
        return ssOutput.lines().map(String::strip).filter(l -> !l.isEmpty()).anyMatch(l -> {
            String[] cols = l.split("\\s+");
            return cols.length >= 4 && cols[3].endsWith(suffix);
        });
    }

    /** The "Available" column of {@code df -P -B1} output. */
    static long availableBytes(String dfOutput) {
        List<String> lines = dfOutput.lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 2) {
            return -1;
        }
        String[] cols = lines.get(lines.size() - 1).strip().split("\\s+");
        try {
            return cols.length >= 4 ? Long.parseLong(cols[3]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
