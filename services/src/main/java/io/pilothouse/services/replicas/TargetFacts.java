package io.pilothouse.services.replicas;

import java.util.List;

/**
 * What was measured on the target host before adding a replica.
 *
 * @param dataDirEntries  entries in the data directory: -1 when it is absent, 0 when empty
 * @param dataDirProblem  why the data directory could not be read, or null
 * @param busyPorts       the ports asked about that something listens on
 * @param portsProblem    why listening ports could not be read, or null
 * @param availableBytes  free bytes on the file system that will hold the data directory, or -1 when unknown
 * @param diskPath        the existing directory {@code df} measured
 * @param binMajor        the PostgreSQL major version of the binaries in the bin directory, or 0 when absent
 * @param missingPrograms programs the operation needs that are absent from the bin directory
 */
public record TargetFacts(int dataDirEntries, String dataDirProblem, List<Integer> busyPorts, String portsProblem,
                          long availableBytes, String diskPath, int binMajor, List<String> missingPrograms) {
}
