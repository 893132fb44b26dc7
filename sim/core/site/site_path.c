/*
 * site_path.c - the compiled-in path of the site configuration.  Alone in
 * its file so that 'make install' can build it again with the installed
 * SYSCONFDIR and link it before the library (see the Makefile).
 */
#ifndef LPRSIM_SITE_CONF
#define LPRSIM_SITE_CONF "/etc/lprsim/site.conf"
#endif

extern const char site_conf_default[];
const char site_conf_default[] = LPRSIM_SITE_CONF;
