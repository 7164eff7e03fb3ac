import adapter from '@sveltejs/adapter-node';

/**
 * Served by the API host (api/src/web.ts mounts build/handler.js after /api). The page is a client-rendered
 * app (the access token lives in memory), so CSP nonces cover kit's own bootstrap script and nothing else
 * may run inline. Stripe and Razorpay origins are allowed only for their checkout scripts and frames.
 */
const PAY_SCRIPTS = ['https://js.stripe.com', 'https://checkout.razorpay.com'];
/**
 * SvelteKit's route announcer (a visually hidden aria-live div) carries a fixed inline style attribute;
 * CSP allows exactly that attribute by hash. If kit changes it, the E2E CSP check fails and names the new hash.
 */
const KIT_ANNOUNCER_STYLE = "'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='";
const PAY_FRAMES = [
  'https://js.stripe.com',
  'https://hooks.stripe.com',
  'https://api.razorpay.com',
  'https://checkout.razorpay.com',
];

/**
 * WEB_BUILD_DIR (the API reads the same variable) puts a build somewhere other than build/, with its
 * own intermediate folder, so two builds of different checkouts or branches can exist side by side.
 */
const OUT = process.env.WEB_BUILD_DIR ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    adapter: adapter({ out: OUT, precompress: false }),
    outDir: OUT === 'build' ? '.svelte-kit' : `${OUT}.kit`,
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', ...PAY_SCRIPTS],
        'style-src': ['self', 'unsafe-hashes', KIT_ANNOUNCER_STYLE],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        // Sockets only to this app: src/hooks.server.ts adds PUBLIC_URL's ws:/wss: origin at run time.
        'connect-src': ['self', 'https://api.stripe.com', 'https://lumberjack.razorpay.com'],
        'media-src': ['self', 'blob:'],
        'frame-src': ['self', 'blob:', ...PAY_FRAMES],
        'worker-src': ['self', 'blob:'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};
