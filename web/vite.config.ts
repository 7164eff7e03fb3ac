import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// `npm run dev -w web` proxies the API (and its WebSockets) to a running `npm start` (API_URL, default :3000).
const api = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [sveltekit()],
  server: { proxy: { '/api': { target: api, ws: true } } },
});
