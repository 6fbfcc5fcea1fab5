int hp_glpk_guard_placeholder(void) { return 0; }
