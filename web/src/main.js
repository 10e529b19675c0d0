// The web application's entry: the router, the two languages and the signed-in user.
import { createApp } from 'vue';
import 'element-plus/theme-chalk/base.css';
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';
import App from './App.vue';
import { router } from './router.js';
import { i18n } from './i18n/index.js';
import './styles.css';

createApp(App).use(i18n).use(router).mount('#app');
