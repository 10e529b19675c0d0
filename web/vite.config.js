// Builds the web application into dist/, which `closeloop serve --web-root web/dist` serves at /.
// Element Plus components are imported where they are used (unplugin-vue-components), ECharts
// from echarts/core with only the charts used, and every route is its own chunk.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';

const api = process.env.CLOSELOOP_API || 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false })],
  build: {
    target: 'es2020',
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { '/api': api, '/s/': api, '/healthz': api },
  },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.js'],
  },
});
