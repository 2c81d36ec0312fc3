"""Layer 1: operators, states, superoperators, steady-state solvers and propagators."""
