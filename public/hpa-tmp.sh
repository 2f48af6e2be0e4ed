kubectl apply -f https://k8s.io/examples/application/php-apache.yaml
kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10
sleep 30
kubectl get hpa
kubectl run -i --tty load-generator --rm --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"
sleep 60
kubectl get hpa php-apache
kubectl top pods
sleep 3m
kubectl get hpa php-apache
kubectl get deployment php-apache
kubectl delete pod load-generator
sleep 6m
kubectl get hpa php-apache
kubectl describe hpa php-apache
