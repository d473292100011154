package io.gatehouse.rest;

/** Thrown by resources and services to answer with a given problem (404, 409, 400 with field errors...). */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
