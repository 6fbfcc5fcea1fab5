#ifndef GLPK_GUARD_H
#define GLPK_GUARD_H
// Placeholder: replaced by the GLPK wrapper work.
int hp_glpk_guard_placeholder(void);
#endif
