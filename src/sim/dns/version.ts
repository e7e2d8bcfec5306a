/** The BIND release the simulator imitates, as "dig -v" and "version.bind" give it on Debian 12. */
export const BIND_VERSION = '9.18.49-1~deb12u3-Debian';
