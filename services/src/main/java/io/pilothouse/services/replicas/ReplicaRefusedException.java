package io.pilothouse.services.replicas;

/** Adding or removing a replica was refused before anything changed; the message says why and what to do. */
public class ReplicaRefusedException extends Exception {

    public ReplicaRefusedException(String message) {
        super(message);
    }
}
